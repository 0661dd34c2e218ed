import ArgumentParser

/// The help of the output options, the same in every subcommand.
///
/// Every subcommand that writes follows one order: compute everything, render what
/// it will print, write the files, then print. A run that fails before the end
/// leaves no output behind, and the files never replace an existing output unless
/// `--overwrite` is given (see `OutputDirectory`).
enum OutputHelp {
    /// `--out DIR`.
    static let folder: ArgumentHelp = """
        Write the result files into this new folder (parent folders are created; \
        an existing folder must be empty, or pass --overwrite).
        """
    /// `--overwrite`.
    static let overwrite: ArgumentHelp = "Replace an existing --out whole: its old contents are removed, never merged."
}
