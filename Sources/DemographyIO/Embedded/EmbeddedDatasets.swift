/// Datasets compiled into the library, so that a moved binary still has them.
public enum EmbeddedDatasets {
    /// Preston, Heuveline & Guillot (2001), Box 6.2: Sweden 1993, five-year groups, one step.
    public static var sweden1993: DatasetSource { .embedded(name: "sweden1993", files: sweden1993Files) }

    /// UN World Population Prospects 2017: the 2015 population and the medium-variant
    /// assumptions to 2100 of eight countries (thousands), with the estimation period
    /// 2010-2015 and the published totals of the medium, high and low variants.
    /// © United Nations, CC BY 3.0 IGO.
    public static var wpp2017: DatasetSource { .embedded(name: "wpp2017", files: wpp2017Files) }

    /// The scenario `popproj` projects when no data are given: WPP 2017.
    public static var defaultScenario: DatasetSource { wpp2017 }

    /// The location of ``defaultScenario`` projected when none is chosen: Nigeria.
    public static let defaultLocation = "566"
}
