/// Datasets compiled into the library, so that a moved binary still has them.
public enum EmbeddedDatasets {
    /// Preston, Heuveline & Guillot (2001), Box 6.2: Sweden 1993, five-year groups, one step.
    public static var sweden1993: DatasetSource { .embedded(name: "sweden1993", files: sweden1993Files) }

    /// UN World Population Prospects 2017: the 2015 population and the medium-variant
    /// assumptions to 2100 of eight countries (thousands), with the estimation period
    /// 2010-2015 and the published totals of the medium, high and low variants.
    /// © United Nations, CC BY 3.0 IGO. Kept as a test fixture (Tests/Fixtures/wpp2017).
    public static var wpp2017: DatasetSource { .embedded(name: "wpp2017", files: wpp2017Files) }

    /// UN World Population Prospects 2024: the 236 countries and areas with data,
    /// population at 1 July 2020 by five-year age and sex, abridged mx, PASFR, TFR
    /// (medium, low, high), SRB and net migrants by age and sex for the periods
    /// 2020-2025 to 2095-2100 (thousands), the annual TFR, SRB and e0, and the
    /// published outcomes of twelve countries. The same rows as `data/wpp2024`.
    /// © United Nations, CC BY 3.0 IGO. Each location's `units.csv` is that of
    /// `data/wpp2024`: population (and every count) in thousands.
    public static let wpp2024 = LocationArchive(name: "wpp2024", locationsText: wpp2024Locations,
                                                files: wpp2024Files, chunks: wpp2024Chunks,
                                                unitsText: "quantity,unit\npopulation,thousands\n")
}
