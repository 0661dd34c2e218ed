extension MultiregionalStep {
    /// Projects `population` forward by one step in the structured form.
    ///
    /// - Throws: ``DemographyError/ageStructureMismatch(left:right:)`` when the
    ///   population has other regions, ages or sexes than the rates.
    public func apply(to population: MultiregionalPopulation, form: MultiregionalForm = .structured) throws(DemographyError) -> MultiregionalStepResult {
        try checkShape(of: population)
        var workspace = MultiregionalWorkspace(sexes: sexes.count, ages: ages.count, regions: regions.count, columns: 1)
        let dense = form == .denseBlock ? generalisedLeslieMatrix() : nil
        return apply(to: population, workspace: &workspace, dense: dense)
    }

    /// One step with a reused workspace (and a prebuilt dense matrix for that form).
    func apply(to population: MultiregionalPopulation, workspace: inout MultiregionalWorkspace, dense: Matrix?) -> MultiregionalStepResult {
        var end = [Double](repeating: 0, count: population.counts.count)
        var floors: [(Int, Double)] = []
        withRateBuffers { rates in
            population.counts.withUnsafeBufferPointer { start in
                end.withUnsafeMutableBufferPointer { out in
                    if let dense {
                        dense.entries.withUnsafeBufferPointer { g in
                            Kernels.multiregionalDenseStep(from: start, matrix: g, rates: rates, columns: 1,
                                                           workspace: &workspace, into: out) { floors.append(($0, $1)) }
                        }
                    } else {
                        Kernels.multiregionalStep(from: start, rates: rates, columns: 1, workspace: &workspace,
                                                  into: out) { floors.append(($0, $1)) }
                    }
                }
            }
        }
        return result(from: population, end: end, floors: floors, workspace: workspace,
                      enteringIsStart: migrationTiming.shareAtStart == 0 && dense == nil)
    }

    /// The step's result from its end state, the floored cells and the workspace
    /// of the kernel (applied migrants, births, entering population unless it is the start).
    func result(from population: MultiregionalPopulation, end: [Double], floors: [(Int, Double)],
                workspace: MultiregionalWorkspace, enteringIsStart: Bool) -> MultiregionalStepResult {
        let r = regions.count, a = ages.count
        var adjustments: [MultiregionalAdjustment] = []
        for (index, requested) in externalMigrants.enumerated() where workspace.applied[index] != requested {
            adjustments.append(MultiregionalAdjustment(
                region: index % r, sex: sexes[index / (a * r)], ageIndex: (index / r) % a,
                kind: .migrationGuard(requested: requested, applied: workspace.applied[index])))
        }
        for (index, computed) in floors {
            adjustments.append(MultiregionalAdjustment(
                region: index % r, sex: sexes[index / (a * r)], ageIndex: (index / r) % a, kind: .floor(computed: computed)))
        }
        var births = [Double](repeating: 0, count: sexes.count * r)
        for s in 0..<sexes.count {
            let share = s == 0 ? femaleShareOfBirths : 1 - femaleShareOfBirths
            for i in 0..<r { births[s * r + i] = share * workspace.births[i] }
        }
        return MultiregionalStepResult(
            population: MultiregionalPopulation(trusted: regions, ages: ages, sexes: sexes, counts: end),
            births: births, entering: enteringIsStart ? population.counts : workspace.entering,
            externalMigrants: workspace.applied,
            adjustments: adjustments, step: self)
    }

    func checkShape(of population: MultiregionalPopulation) throws(DemographyError) {
        guard population.regions == regions, population.ages == ages, population.sexes == sexes else {
            throw .ageStructureMismatch(
                left: "population: \(population.regions.count) regions, \(population.ages), \(population.sexes.map(\.rawValue))",
                right: "step rates: \(regions.count) regions, \(ages), \(sexes.map(\.rawValue))")
        }
    }
}
