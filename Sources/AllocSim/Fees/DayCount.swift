/// A jurisdiction's days off, besides Saturdays and Sundays: its legal
/// holidays and (Guam, §14101(i) and (ttt)) government furlough days. A
/// scenario lists them under `calendar`.
public struct JurisdictionCalendar: Sendable, Hashable {
    public var holidays: Set<CalendarDate>
    public var furloughDays: Set<CalendarDate>

    public init(holidays: [CalendarDate] = [], furloughDays: [CalendarDate] = []) {
        self.holidays = Set(holidays)
        self.furloughDays = Set(furloughDays)
    }

    /// Saturday or Sunday.
    public func isWeekend(_ d: CalendarDate) -> Bool { d.weekday >= 5 }
}

/// How a rule counts "n days" after an event: each jurisdiction's own rule,
/// a value in the model (SPEC §1, "Calendars"). In every rule the day of
/// the event itself is not counted.
public enum DayCountRule: String, Sendable, Hashable, CaseIterable {
    /// RI §1.12 F.3.c and J, "business days": count only days that are not
    /// a Saturday, Sunday or holiday.
    case businessDays = "business-days"
    /// VT 3.1.5 and Guam §14101(i), "calendar days": count every day,
    /// weekends and holidays included; if the last day is a Saturday,
    /// Sunday or legal holiday (Guam: or furlough day), the period runs to
    /// the next day that is none of these.
    case calendarDays = "calendar-days"
    /// Guam §14101(ttt), "working days": count only Mondays to Fridays that
    /// are not a government of Guam holiday or furlough day.
    case workingDays = "working-days"

    /// The section that defines the rule, for reports.
    public var section: String {
        switch self {
        case .businessDays: return "RI §1.12 F.3.c, J"
        case .calendarDays: return "VT 3.1.5; Guam §14101(i)"
        case .workingDays: return "Guam §14101(ttt)"
        }
    }

    /// The last day of a period of `n` days (n ≥ 0) that starts with the
    /// event on `start`.
    public func adding(_ n: Int, to start: CalendarDate, calendar c: JurisdictionCalendar) -> CalendarDate {
        switch self {
        case .businessDays:
            return DayCountRule.count(n, from: start) { !c.isWeekend($0) && !c.holidays.contains($0) }
        case .workingDays:
            return DayCountRule.count(n, from: start) {
                !c.isWeekend($0) && !c.holidays.contains($0) && !c.furloughDays.contains($0)
            }
        case .calendarDays:
            var d = start.adding(days: n)
            while c.isWeekend(d) || c.holidays.contains(d) || c.furloughDays.contains(d) { d = d.adding(days: 1) }
            return d
        }
    }

    /// The `n`-th day after `start` for which `counts` holds.
    static func count(_ n: Int, from start: CalendarDate, _ counts: (CalendarDate) -> Bool) -> CalendarDate {
        var d = start
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if counts(d) { left -= 1 }
        }
        return d
    }
}

/// The deadlines that follow when a caregiver who used waivers loses its
/// last reduced-registration patient (RI §1.12 F.3.c), counted in business
/// days.
public struct WaiverLossDeadlines: Sendable, Hashable {
    /// F.3.c(1)-(2): re-associate with a reduced patient, or register full
    /// patients and pay the balance, by this date.
    public var actBy: CalendarDate
    /// F.3.c(3): otherwise destroy the plants and return the certificate by
    /// this date (an additional ten business days).
    public var returnBy: CalendarDate
}

extension PlantTagPolicy {
    /// F.3.c: deadlines after the last reduced patient is lost on `date`.
    public func waiverLossDeadlines(lostOn date: CalendarDate, calendar: JurisdictionCalendar) -> WaiverLossDeadlines {
        let act = DayCountRule.businessDays.adding(actionBusinessDays, to: date, calendar: calendar)
        return WaiverLossDeadlines(actBy: act,
                                   returnBy: DayCountRule.businessDays.adding(actionBusinessDays, to: act, calendar: calendar))
    }

    /// J.2-J.5: a certificate must be returned within ten business days of
    /// the event (electing to stop growing, surrender or revocation of a
    /// card, end of a caregiver's relationship with the patient).
    public func returnDeadline(eventOn date: CalendarDate, calendar: JurisdictionCalendar) -> CalendarDate {
        DayCountRule.businessDays.adding(actionBusinessDays, to: date, calendar: calendar)
    }
}
