import AllocSim
import ArgumentParser

struct FeesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fees",
        abstract: "One plant tag certificate's fee under Rhode Island §1.12 E-F.",
        discussion: """
        A patient is --full 1 --reduced 0 or --full 0 --reduced 1; a caregiver is connected with
        1 to 5 patients, full and reduced. Impossible requests exit 2 and name the rule.

        Examples:
          allocsim fees --role patient --full 1 --reduced 0 --sets 12
          allocsim fees --role caregiver --full 1 --reduced 2 --sets 24 --json
        """
    )

    @Option(help: "patient or caregiver.")
    var role: String

    @Option(help: "Full-registration patients covered.")
    var full: Int

    @Option(help: "Reduced-registration patients covered.")
    var reduced: Int

    @Option(help: "Plant sets requested (one mature and one immature plant each).")
    var sets: Int

    @Option(name: .customLong("fee-per-set"), help: "Annual fee per set in dollars (default 25).")
    var feePerSet: Double?

    @Flag(name: .customLong("after-loss"),
          help: "RI §1.12 F.3.c: what the caregiver owes after losing every reduced-registration patient.")
    var afterLoss = false

    @Option(name: .customLong("full-left"),
            help: "With --after-loss: full-registration patients still connected (default: --full).")
    var fullLeft: Int?

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() throws {
        guard let role = PlantTagRole(rawValue: role) else {
            throw CLIFailure.badInput("--role: expected patient or caregiver, found '\(role)'")
        }
        for (flag, value) in [("--full", full), ("--reduced", reduced), ("--sets", sets)]
        where !(0...Limits.plantSets).contains(value) {
            throw CLIFailure.badInput("\(flag): expected a whole number from 0 to \(Limits.plantSets), found \(value)")
        }
        var policy = PlantTagPolicy()
        if let f = feePerSet {
            guard f.isFinite, f >= 0, f <= Limits.feePerSet else {
                throw CLIFailure.badInput("--fee-per-set: expected a number from 0 to \(FixedFormat.compact(Limits.feePerSet)), found \(f)")
            }
            policy.feePerSet = f
        }
        let request = PlantSetRequest(role: role, fullPatients: full, reducedPatients: reduced, sets: sets)
        let fee: PlantSetFee
        do {
            fee = try policy.fee(for: request)
        } catch {
            throw CLIFailure.badInput("allocsim fees: \(error)")
        }
        let money = { (v: Double) in FixedFormat.compact(v, maxDigits: 2) }
        if afterLoss {
            try printLoss(policy, request, fee: fee, money: money)
            return
        }
        if fullLeft != nil { throw CLIFailure.badInput("--full-left: goes with --after-loss") }
        if json {
            say("{\"limit\":\(fee.limit),\"paid_sets\":\(fee.paidSets),\"waived_sets\":\(fee.waivedSets),"
                  + "\"fee\":\(money(fee.fee)),\"forgone\":\(money(fee.forgone))}")
        } else {
            say("""
            \(role.rawValue), \(full) full + \(reduced) reduced registration, \(sets) sets (limit \(fee.limit))
              paid sets:   \(fee.paidSets)
              waived sets: \(fee.waivedSets)
              fee:         $\(FixedFormat.decimal(fee.fee, digits: 2))  (\(money(policy.feePerSet)) per set)
              forgone:     $\(FixedFormat.decimal(fee.forgone, digits: 2))
              rule:        RI §1.12 \(fee.waiverCase.rawValue)
            """)
        }
        }

    /// F.3.c(2)-(3) after the loss of every reduced patient.
    func printLoss(_ policy: PlantTagPolicy, _ request: PlantSetRequest, fee: PlantSetFee,
                   money: (Double) -> String) throws(CLIFailure) {
        let left = fullLeft ?? full
        let loss: WaiverLoss
        do {
            loss = try policy.afterLosingReducedPatients(request, fullPatientsLeft: left)
        } catch {
            throw CLIFailure.badInput("allocsim fees --after-loss: \(error)")
        }
        switch loss {
        case .payBalance(let balance, let limit, let kept, let remove):
            if json {
                say("{\"case\":\"F.3.c(2)\",\"paid\":\(money(fee.fee)),\"limit\":\(limit),\"sets_kept\":\(kept),"
                    + "\"sets_to_remove\":\(remove),\"balance\":\(money(balance))}")
            } else {
                say("""
                caregiver, \(full) full + \(reduced) reduced, \(sets) sets; loses every reduced patient, \(left) full left
                  paid so far: $\(FixedFormat.decimal(fee.fee, digits: 2))
                  new limit:   \(limit) sets (RI §1.12 \(left == 1 ? "E.3" : "E.4")); keep \(kept), remove \(remove)
                  balance:     $\(FixedFormat.decimal(balance, digits: 2))  (\(money(policy.feePerSet)) × \(kept) − paid)
                  rule:        RI §1.12 F.3.c(2): within 10 business days re-associate with a reduced patient,
                               or register the full patients and pay the balance
                """)
            }
        case .destroyAndReturn(let sets):
            if json {
                say("{\"case\":\"F.3.c(3)\",\"paid\":\(money(fee.fee)),\"sets_to_destroy\":\(sets),\"balance\":0}")
            } else {
                say("""
                caregiver, \(reduced) reduced patients, \(sets) sets; loses every patient
                  rule:        RI §1.12 F.3.c(3): no patient left to register; destroy the \(sets) sets and return the
                               certificate within 10 more business days (20 in all)
                """)
            }
        }
    }
}
