import Testing
import Foundation
import DemographyIO

/// `LocationLookup` over the 236 locations of WPP 2024 (their locations.csv):
/// a code, an ISO3 code in any case or a name without regard to case and accents
/// finds one location; anything else is refused with suggestions.
@Suite struct LocationLookupTests {
    static let wpp = LocationLookup(EmbeddedDatasets.wpp2024.locations)

    static func suggestions(_ value: String) -> [String] {
        do { _ = try wpp.find(value); return [] } catch {
            if case .notFound(_, let suggestions) = error { return suggestions.map(\.name) }
            return []
        }
    }

    @Test func codeISO3AndNameFindTheSameLocation() throws {
        for value in ["404", "KEN", "ken", "Kenya", "KENYA", "  kenya  "] {
            #expect(try Self.wpp.code(value) == "404", "\(value)")
        }
        // The file spells "Cote d'Ivoire", "Curacao", "Turkiye": accents and typographic apostrophes fold away.
        #expect(try Self.wpp.code("Côte d’Ivoire") == "384")
        #expect(try Self.wpp.code("cote d'ivoire") == "384")
        #expect(try Self.wpp.code("Curaçao") == (try Self.wpp.code("curacao")))
        #expect(try Self.wpp.code("United States of America") == "840")
        #expect(try Self.wpp.code("Congo") == "178")
    }

    /// ISO 3166-1 alpha-3 (ISO's official list): every code is three capital
    /// letters, none is used twice, and the eight the migest list gave as old or
    /// national codes are the ISO ones.
    @Test func iso3CodesAreThoseOfISO3166() throws {
        let codes = EmbeddedDatasets.wpp2024.locations.compactMap(\.iso3)
        #expect(codes.count == 236)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
        let iso = ["CZE": "203", "ETH": "231", "IDN": "360", "MNE": "499", "RUS": "643", "SRB": "688", "ZAF": "710", "SDN": "729"]
        for (code, m49) in iso { #expect(try Self.wpp.code(code) == m49, "\(code)") }
    }

    @Test func foldingDropsCaseAccentsAndExtraSpaces() {
        #expect(LocationLookup.fold("  Côte   d’Ivoire ") == "cote d'ivoire")
        #expect(LocationLookup.fold("SÃO TOMÉ") == "sao tome")
    }

    @Test func levenshteinDistance() {
        // The textbook example: kitten -> sitting takes 3 edits (k->s, e->i, +g).
        #expect(LocationLookup.editDistance("kitten", "sitting") == 3)
        #expect(LocationLookup.editDistance("", "abc") == 3)
        #expect(LocationLookup.editDistance("kenia", "kenya") == 1)
    }

    @Test func misspeltNamesSuggestTheIntendedOnes() throws {
        #expect(Self.suggestions("kenia").first == "Kenya")
        #expect(Self.suggestions("united states").prefix(2) == ["United States of America", "United States Virgin Islands"])
        let congo = Self.suggestions("kongo")
        #expect(congo.contains("Congo") && congo.contains("Democratic Republic of the Congo"), "\(congo)")
        #expect(Self.suggestions("germny").first == "Germany")
        for value in ["a", "republic", "kenia", "island"] {
            #expect(Self.suggestions(value).count <= LocationLookup.suggestionLimit)
        }
        do {
            _ = try Self.wpp.find("kenia")
            Issue.record("kenia was found")
        } catch {
            #expect(error.description == "found \"kenia\", expected a location code, ISO3 code or name; did you mean Kenya (404, KEN), Benin (204, BEN)?")
        }
        do {
            _ = try Self.wpp.find("zzzzzzzz")
        } catch {
            #expect(error == .notFound(value: "zzzzzzzz", suggestions: []))
            #expect(error.description.hasSuffix("see `popproj locations`"))
        }
    }

    @Test func twoLocationsOfOneNameAreAmbiguous() throws {
        let lookup = LocationLookup([
            LocationName(code: "1", name: "Georgia", iso3: "GEO"),
            LocationName(code: "2", name: "Géorgia", iso3: nil),
            LocationName(code: "3", name: "Armenia", iso3: "ARM"),
        ])
        #expect(throws: LocationLookup.Failure.self) { try lookup.find("georgia") }
        do { _ = try lookup.find("georgia") } catch {
            if case .ambiguous(_, let matches) = error { #expect(matches.map(\.code) == ["1", "2"]) } else { Issue.record("\(error)") }
            #expect(error.description.contains("give the code"))
        }
        // The code and the ISO3 code still tell them apart.
        #expect(try lookup.code("2") == "2")
        #expect(try lookup.code("geo") == "1")
    }
}
