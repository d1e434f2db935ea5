/// The tier of §14302 in which an application was awarded.
public enum AllocationTier: String, Sendable, CaseIterable, Hashable, BitwiseCopyable {
    /// §14302(a)(1)(C)(ii): no more eligible applications than certificates.
    case all
    /// §14302(b)(1): one award per village without a facility of the type.
    case village
    /// §14302(b)(2): one award per CHAA, CHAAs by patients descending.
    case chaa
    /// §14302(b)(3): best remaining applications by the scoring rule.
    case ranked

    /// Position in `allCases`, without building the array.
    public var position: Int {
        switch self {
        case .all: return 0
        case .village: return 1
        case .chaa: return 2
        case .ranked: return 3
        }
    }
}

/// What a lottery draw chose among.
public enum DrawSubject: String, Sendable, Hashable, BitwiseCopyable {
    case village
    case chaa
    case application
}

/// One lottery draw of a round (§14302(b)(4)), enough to replay it by hand:
/// the candidates in the order they were sorted (by id or name), the index
/// `gsl_rng_uniform_int` returned, and the stream and draw it came from.
public struct LotteryDraw: Sendable, Hashable {
    /// 1-based position among the round's draws.
    public var step: Int
    public var type: CertificateType
    public var tier: AllocationTier
    public var subject: DrawSubject
    /// Candidate indices (applications, villages or CHAAs) in sorted order.
    public var candidates: [Int]
    /// Index into `candidates` that was drawn.
    public var drawn: Int
    public var stream: StreamKey
    /// 1-based number of the draw on the stream.
    public var drawNumber: Int
}

/// One application as the round sees it, in index form.
///
/// `ReplicateGenerator.generate` reuses a worker's slots and sets every
/// field of a reused one: a field added here must be set there too.
///
/// The one-byte fields come last, in the spare bytes after `date`: 96
/// bytes an application instead of 112, so every pass over a round's
/// applications reads less memory (Arizona scale's 486 do not fit the
/// first-level cache either way).
public struct RoundApplication: Sendable, Hashable {
    public var village: Int
    public var chaa: Int
    /// Position in id order: lotteries sort candidates by it.
    public var order: Int
    public var submitted: Int
    /// Interned individuals (see `AllocationRound.individualNames`).
    public var individuals: IndividualList
    public var site: Point
    /// Its date (`CalendarDate.dayNumber`): its own, or `applications.date`.
    public var date: Int?
    public var type: CertificateType
    public var complete: Bool

    public init(type: CertificateType, village: Int, chaa: Int, order: Int, submitted: Int,
                individuals: IndividualList, complete: Bool, site: Point, date: Int? = nil) {
        self.type = type
        self.village = village
        self.chaa = chaa
        self.order = order
        self.submitted = submitted
        self.individuals = individuals
        self.complete = complete
        self.site = site
        self.date = date
    }
}

/// How one application ended.
///
/// An application either fails eligibility or, eligible, may lose: never
/// both, so its failure and its loss share one field, and the one-byte
/// fields sit in that field's spare bytes. An outcome is 72 bytes instead
/// of 136, and the passes over a round's outcomes (the round itself, the
/// metrics, the batch counts) read half the memory.
public struct ApplicationOutcome: Sendable, Hashable {
    private var detail: Detail?
    public var status: ApplicationStatus
    public var tier: AllocationTier?
    /// SPEC §3: true when a draw of the step that made the award passed
    /// over a candidate that ended the round without an award.
    public var lottery: Bool
    /// §14102: the application fee paid.
    public var feePaid: Double
    /// §14302(c)(2): refunded to a complete, compliant, not-awarded application.
    public var refund: Double

    private enum Detail: Sendable, Hashable {
        case failure(EligibilityFailure)
        case loss(LossReason)
    }

    /// An outcome with a failure or a loss (or neither); not both.
    public init(status: ApplicationStatus, tier: AllocationTier?, lottery: Bool, failure: EligibilityFailure?,
                loss: LossReason?, feePaid: Double, refund: Double) {
        precondition(failure == nil || loss == nil, "an application cannot both fail eligibility and lose")
        detail = failure.map(Detail.failure) ?? loss.map(Detail.loss)
        self.status = status
        self.tier = tier
        self.lottery = lottery
        self.feePaid = feePaid
        self.refund = refund
    }

    /// Why it is not eligible (SPEC §2). Setting one replaces any loss.
    public var failure: EligibilityFailure? {
        get { if case .failure(let f)? = detail { return f } else { return nil } }
        set {
            if let newValue { detail = .failure(newValue) } else if failure != nil { detail = nil }
        }
    }

    /// Why a complete, compliant application was not awarded. Setting one
    /// replaces any failure.
    public var loss: LossReason? {
        get { if case .loss(let l)? = detail { return l } else { return nil } }
        set {
            if let newValue { detail = .loss(newValue) } else if loss != nil { detail = nil }
        }
    }
}

/// The result of one round: an outcome per application, in input order,
/// and the audit trail of every draw.
public struct RoundResult: Sendable {
    /// Plain values (no references), so a Monte Carlo worker refills them
    /// in place without reference counting.
    public var outcomes: [ApplicationOutcome]
    public var draws: [LotteryDraw]
    /// Audited rounds: for each application, the audit steps of the draws
    /// of the step that made its award (`awards.csv`'s `draws`).
    public var awardDraws: [[Int]] = []
    /// How many draws the round made (also when they were not recorded).
    public var drawCount: Int
    /// Village patients used (they may be random in a batch).
    public var villagePatients: [Int]
}
