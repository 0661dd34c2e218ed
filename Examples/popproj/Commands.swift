import ArgumentParser

extension PopProj {
    /// The subcommands, one file each.
    static let commands: [ParsableCommand.Type] = [
        ProjectCommand.self,
        CheckCommand.self,
        LifeTableCommand.self,
        VariantsCommand.self,
        LocationsCommand.self,
        StableCommand.self,
        MultiregionalCommand.self,
    ]
}
