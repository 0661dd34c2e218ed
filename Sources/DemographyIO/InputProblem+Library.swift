import Demography

extension InputProblem {
    /// A refusal by the library of inputs read from `file`, said as a problem of
    /// that file: a parameter's value is what was found ("the base population =
    /// 0.0"), what it needs is what was expected; any other refusal is what was
    /// expected to hold, in the library's words.
    public init(file: String, refusal: DemographyError) {
        switch refusal {
        case .invalidParameter(let name, let value, let expected):
            self.init(file: file, value: "\(name) = \(value)", expected: expected)
        default:
            self.init(file: file, expected: "inputs the projection accepts (\(refusal))")
        }
    }

    /// A refusal of inputs read from `file`: the library's, as above, or any other error in its own words.
    public init(file: String, refusal error: any Error) {
        if let refusal = error as? DemographyError {
            self.init(file: file, refusal: refusal)
        } else {
            self.init(file: file, expected: "inputs the projection accepts (\(error))")
        }
    }
}
