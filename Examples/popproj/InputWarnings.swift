import Foundation
import DemographyIO

/// Prints the warnings of a read (values legal but unusual) to standard error,
/// on rank 0 only, each after `prefix` (the location of an aggregate run): the
/// first 20, then how many more. They do not stop the run.
func printWarnings(_ warnings: [InputProblem], prefix: String = "") {
    guard !warnings.isEmpty, PopProj.communicator.isRoot else { return }
    var text = warnings.prefix(20).map { "popproj: \(prefix)\($0)\n" }.joined()
    if warnings.count > 20 { text += "popproj: ... and \(warnings.count - 20) more warnings\n" }
    FileHandle.standardError.write(Data(text.utf8))
}
