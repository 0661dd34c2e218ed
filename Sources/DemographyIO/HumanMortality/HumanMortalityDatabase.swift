import Foundation
import Demography

/// Readers of the Human Mortality Database's text files, as they come from
/// mortality.org (HMD Methods Protocol v6, Wilmoth et al. 2021; the file layout
/// is ``HumanMortalityText``'s).
///
/// | file | title (line 1) | columns | unit |
/// |---|---|---|---|
/// | `Mx_1x1.txt` | Death rates (period 1x1) | Year Age Female Male Total | deaths per person-year, ages 0 ... 109, 110+ |
/// | `Mx_5x1.txt` | Death rates (period 5x1) | Year Age Female Male Total | the same, ages 0, 1-4, 5-9, ..., 105-109, 110+ |
/// | `Deaths_1x1.txt` | Deaths (period 1x1) | Year Age Female Male Total | deaths in the calendar year (persons) |
/// | `Exposures_1x1.txt` | Exposure to risk (period 1x1) | Year Age Female Male Total | person-years lived in the calendar year |
/// | `Population.txt` | Population size (1-year) | Year Age Female Male Total | persons on 1 January of Year |
/// | `Births.txt` | Births (1-year) | Year Female Male Total | live births in the calendar year, by sex of the child |
///
/// Files are recognised by their header lines, whatever their names (a country
/// prefix such as `SWE.Mx_1x1.txt` is fine); a title naming another statistic
/// than the one read is refused (``HumanMortalityText/check(_:)``). `.` is a
/// missing value: where a value is needed it is an error naming file, line,
/// column and value.
public enum HumanMortalityDatabase {
    /// The death rates of an `Mx_1x1.txt` or `Mx_5x1.txt` file, of `years` (nil:
    /// every year; the others are checked for syntax and left out). Every value of
    /// those years is needed: a `.` is refused (a rate cannot be made up, and
    /// without exposures no group can be merged into the open one).
    public static func deathRates(_ text: HumanMortalityText, years: Set<Int>? = nil) throws(DatasetError) -> HumanMortalitySchedules {
        try text.check(.deathRates)
        return try HumanMortalityCells.read(text, quantity: .deathRate)
            .complete("a life table needs the death rate of every age; use Deaths_1x1.txt and Exposures_1x1.txt with a lower open age to close the table below ages without exposure",
                      years: years)
    }

    /// ``deathRates(_:years:)`` of the file at `url`.
    public static func deathRates(_ url: URL, years: Set<Int>? = nil) throws(DatasetError) -> HumanMortalitySchedules {
        try deathRates(HumanMortalityText.read(url, columns: HumanMortalityCells.columns), years: years)
    }

    /// The deaths of a `Deaths_1x1.txt` (or `Deaths_5x1.txt`) file, by calendar
    /// year, sex and age (persons), of `years` (nil: every year); a `.` there is refused.
    public static func deaths(_ text: HumanMortalityText, years: Set<Int>? = nil) throws(DatasetError) -> HumanMortalitySchedules {
        try text.check(.deaths)
        return try HumanMortalityCells.read(text, quantity: .eventCount).complete("the deaths of every age", years: years)
    }

    /// The exposures of an `Exposures_1x1.txt` (or `Exposures_5x1.txt`) file:
    /// person-years lived in the calendar year, by sex and age, of `years` (nil:
    /// every year); a `.` there is refused.
    public static func exposures(_ text: HumanMortalityText, years: Set<Int>? = nil) throws(DatasetError) -> HumanMortalitySchedules {
        try text.check(.exposures)
        return try HumanMortalityCells.read(text, quantity: .population()).complete("the exposure of every age", years: years)
    }

    /// The population on 1 January of each year of a `Population.txt` file.
    ///
    /// Around a territorial or other change of the population's universe the file
    /// has two rows for one year (Methods Protocol v6, section on territorial
    /// adjustments; HMDHFDplus `readHMD`): `YYYY-`, the population on 1 January
    /// `YYYY` within the old borders (the end of the series before the change),
    /// and `YYYY+`, the population within the new borders. The `+` figure is the
    /// one a projection starts from and the one kept here; the `-` rows are
    /// skipped, and the year is listed in
    /// ``HumanMortalitySchedules/territorialChangeYears``.
    public static func population(_ text: HumanMortalityText) throws(DatasetError) -> HumanMortalitySchedules {
        try text.check(.population)
        return try HumanMortalityCells.read(text, quantity: .population(), markedYears: true)
            .complete("a population count is needed at every age")
    }

    /// ``population(_:)`` of the file at `url`.
    public static func population(_ url: URL) throws(DatasetError) -> HumanMortalitySchedules {
        try population(HumanMortalityText.read(url, columns: HumanMortalityCells.columns))
    }
}
