/// The quantities of a dataset's files in the units it declares (``DatasetUnits``).
extension Quantity {
    /// This quantity as a file writes it in another unit, of which one is
    /// `canonicalPerUnit` canonical units (SRB per 100 females: 0.01): the limits
    /// and the usual range are those of the file's unit, the messages name it, and
    /// the value read is converted to the canonical unit. No likely cause is
    /// named: the unit was declared.
    func written(in name: String, canonicalPerUnit factor: Double) -> Quantity {
        guard factor != 1, factor > 0 else { return self }
        var q = self
        q.name = name
        q.limits = (limits.lowerBound / factor)...(limits.upperBound / factor)
        q.usual = usual.map { ($0.lowerBound / factor)...($0.upperBound / factor) }
        q.likelyCause = nil
        q.canonicalPerUnit = factor
        return q
    }
}

extension DatasetUnits {
    /// A population count in the dataset's unit (kept as given: no conversion).
    var populationCount: Quantity {
        var q = Quantity.population(personsPerUnit: personsPerCount)
        if population == .thousands { q.name = "a population count in thousands" }
        return q
    }

    /// Net migrants of one age-sex cell in the dataset's unit of counts.
    var migrantCount: Quantity {
        var q = Quantity.netMigrants(personsPerUnit: personsPerCount)
        if population == .thousands { q.name = "a net migrant count in thousands" }
        return q
    }

    /// Total net migrants of a period, read per period or per year (then
    /// multiplied by the period's `width` in years).
    func migrationTotal(width: Int) -> Quantity {
        let count = migrantCount
        guard migNetTotal == .perYear, width > 1 else { return count }
        return count.written(in: count.name + " per year", canonicalPerUnit: Double(width))
    }

    /// SRB in males per female, or per 100 females.
    var sexRatioAtBirth: Quantity {
        srb == .per100Females
            ? Quantity.sexRatioAtBirth.written(in: "a sex ratio at birth in males per 100 females", canonicalPerUnit: 0.01)
            : .sexRatioAtBirth
    }

    /// ASFR in births per woman, or per 1,000 women.
    var fertilityRate: Quantity {
        asfr == .per1000Women
            ? Quantity.fertilityRate.written(in: "an age-specific fertility rate in births per 1000 women", canonicalPerUnit: 0.001)
            : .fertilityRate
    }

    /// mx in deaths per person-year, or per 1,000 person-years.
    var deathRate: Quantity {
        mx == .per1000
            ? Quantity.deathRate.written(in: "a death rate per 1000 person-years", canonicalPerUnit: 0.001)
            : .deathRate
    }
}
