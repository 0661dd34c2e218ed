extension PopProj {
    /// The version `popproj --version` prints: the one place it is written. Bump it
    /// in the commit that tags a release (`git tag v0.14.0`), following semantic
    /// versioning (see README, "Versions").
    static let version = "0.14.0"
}
