/// Datasets compiled into the library, so that a moved binary still has them.
public enum EmbeddedDatasets {
    /// Preston, Heuveline & Guillot (2001), Box 6.2: Sweden 1993, five-year groups, one step.
    public static var sweden1993: DatasetSource { .embedded(name: "sweden1993", files: sweden1993Files) }

    /// The scenario `popproj` projects when no data are given.
    public static var defaultScenario: DatasetSource { sweden1993 }
}
