import Testing
@testable import Demography

/// `AgeWidthConversion`: single years into five-year groups and back, each kind
/// keeping what it must (identities).
@Suite struct AgeWidthConversionTests {
    let single = try! AgeStructure.singleYear(openAge: 100)
    let five = try! AgeStructure.fiveYear(openAge: 100)

    /// Counts summed, then graduated (Sprague): every group total comes back
    /// (the osculatory multipliers' columns sum to 1, Siegel & Swanson 2004).
    @Test func countsKeepGroupTotalsBothWays() throws {
        let counts = single.startAges.map { Double(($0 * 37) % 101) - 20 }
        let grouped = try AgeWidthConversion.regrouped(counts, on: single, into: five, as: .counts)
        #expect(grouped == (try AgeAggregation.sum(counts, on: single, into: five)))
        let back = try AgeWidthConversion.graduated(grouped, on: five, as: .counts)
        let regrouped = try AgeAggregation.sum(back, on: single, into: five)
        for (a, b) in zip(regrouped, grouped) { #expect(abs(a - b) <= 1e-9 * max(1, abs(b))) }
    }

    /// Rates averaged over a group's years; a group's rate repeated in its years
    /// averages back to itself.
    @Test func ratesAverageAndRepeat() throws {
        let rates = five.startAges.map { 0.001 * Double($0 + 1) }
        let spread = try AgeWidthConversion.graduated(rates, on: five, as: .rates)
        #expect(spread.count == 101 && spread[7] == rates[1] && spread[100] == rates[20])
        let back = try AgeWidthConversion.regrouped(spread, on: single, into: five, as: .rates)
        for (a, b) in zip(back, rates) { #expect(abs(a - b) <= 1e-15 * b) }
    }

    /// ASFR: the mean over a group keeps births per woman, so the TFR (5·Σ ₅Fx = Σ f(x)).
    @Test func fertilityKeepsTheTFR() throws {
        let asfr = single.startAges.map { x -> Double in (15..<50).contains(x) ? 0.1 * Double(50 - x) * Double(x - 14) / 306 : 0 }
        let grouped = try AgeWidthConversion.regrouped(asfr, on: single, into: five, as: .fertilityRates)
        let tfr = asfr.reduce(0, +)
        #expect(abs(5 * grouped.reduce(0, +) - tfr) <= 1e-12 * tfr)
        let back = try AgeWidthConversion.graduated(grouped, on: five, as: .fertilityRates)
        #expect(abs(back.reduce(0, +) - tfr) <= 1e-12 * tfr)
    }
}
