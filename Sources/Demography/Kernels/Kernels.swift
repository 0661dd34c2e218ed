// Design note. `Kernels` is the bottom layer of the library: loops over buffers
// that neither allocate, validate nor throw. The friendly types above check their
// inputs once, pack them, and hand the packed rows down. The two numbers and the
// two rules of the UN's cohort-component projection that every kernel shares are
// defined here and nowhere else.

/// The hot loops of the library, on contiguous buffers.
///
/// One file per kernel family: ``Kernels/populationStep(from:into:rates:migrants:fertileAges:record:limits:phase:)``
/// (one population over its ages), the tile step of the batch engine (many
/// populations over columns), the multiregional step and the selection kernels.
enum Kernels {
    /// The two constants of the UN Population Division's CCMPP (ccmppWPP
    /// `project_ccmpp_loop_over_time`, WPP 2019 onwards).
    enum UN {
        /// Persons left in an age group by the migration guard: 1e-5.
        static let residualAfterOutflow = 1e-5
        /// The value an end population below zero is set to: 0.0005.
        static let floor = 0.0005
    }

    /// The UN's migration guard: where the start population and the net migrants
    /// of an age group add up to zero or less, P + M ≤ 0, the migrants become
    /// 1e-5 − P, so that 1e-5 persons are left.
    ///
    /// The rule is ccmppWPP's, whatever the sign of M (`R/project_ccmpp_loop_over_time.R`:
    /// `mig_f[which(pop_f_start + mig_f <= 0)] <- 0.00001 - pop_f_start[...]`): an empty group with no
    /// migrants therefore receives 1e-5 migrants. The comparison uses the start
    /// population at the same age index, whatever the migration timing. Applying
    /// the guard twice gives the same value as applying it once.
    @inline(__always)
    static func guarded(_ p: Double, _ m: Double) -> Double {
        p + m <= 0 ? UN.residualAfterOutflow - p : m
    }

    /// The UN's floor: an end population below zero becomes 0.0005.
    @inline(__always)
    static func floored(_ v: Double) -> Double {
        v < 0 ? UN.floor : v
    }
}

/// Whether part of the migrants is added at the start of the step, as a type, so
/// that each specialisation of a kernel has it as a constant.
protocol MigrationPhase { static var atStart: Bool { get } }
/// h = 0: every migrant at the end of the step.
enum MigrantsAtEnd: MigrationPhase { @inline(__always) static var atStart: Bool { false } }
/// h > 0: a share h of the migrants at the start.
enum MigrantsPartlyAtStart: MigrationPhase { @inline(__always) static var atStart: Bool { true } }
