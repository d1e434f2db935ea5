/// The dated rules of a program over time (issue 14, first part): when a
/// round's window opens and closes, when cards and certificates expire, when
/// a caregiver's registration lapses, whether a patient may have a caregiver
/// at all. Each is a pure function of dates and the jurisdiction's calendar,
/// so the program simulator and its tests read the same rule.

/// Guam §14302(a)(1): the calendar of one allocation round, fixed by the
/// day the Department begins accepting applications.
public struct RoundCalendar: Sendable, Hashable {
    /// (a)(1)(A): the latest day the notice may be posted, at least 30
    /// calendar days (§14101(i)) before applications open.
    public let latestNotice: CalendarDate
    /// The day the Department begins accepting applications.
    public let opens: CalendarDate
    /// (a)(1)(B): the deadline, 10 working days (§14101(ttt)) after opening.
    public let closes: CalendarDate
    /// (a)(1)(C): the determination, 60 working days after opening.
    public let determination: CalendarDate

    public static let noticeCalendarDays = 30
    public static let windowWorkingDays = 10
    public static let determinationWorkingDays = 60

    public init(opens: CalendarDate, calendar: JurisdictionCalendar) {
        self.opens = opens
        closes = DayCountRule.workingDays.adding(RoundCalendar.windowWorkingDays, to: opens, calendar: calendar)
        determination = DayCountRule.workingDays.adding(RoundCalendar.determinationWorkingDays, to: opens, calendar: calendar)
        // The period of 30 calendar days that starts with the posting must
        // have run by the opening day; a last day that rolls past a weekend
        // or holiday (§14101(i)) moves the latest posting earlier.
        var notice = opens.adding(days: -RoundCalendar.noticeCalendarDays)
        while DayCountRule.calendarDays.adding(RoundCalendar.noticeCalendarDays, to: notice, calendar: calendar) > opens {
            notice = notice.adding(days: -1)
        }
        latestNotice = notice
    }
}

public enum ProgramRules {
    /// Guam §14108(a): a registry identification card (and, by §14307, a
    /// certificate renewed yearly) is valid for one year after issuance: it
    /// expires on the same date a year later (February 29 → February 28).
    public static func oneYearAfter(_ issued: CalendarDate) -> CalendarDate {
        CalendarDate(year: issued.year + 1, month: issued.month, day: issued.day)
            ?? CalendarDate(year: issued.year + 1, month: issued.month, day: 28)!
    }

    /// Guam §14307(a): a certificate may be renewed only if its holder
    /// applied for a License to Operate at least 60 calendar days before the
    /// certificate expires, or already holds one. "At least 60 days before"
    /// is read as 60 whole days between the application and the expiry
    /// (expiry − application ≥ 60), with no roll: §14101(i)'s roll extends a
    /// period that runs forward to a deadline, and here the expiry is fixed.
    public static let renewalLeadCalendarDays = 60

    public static func mayRenew(expires: CalendarDate, licenseAppliedOn: CalendarDate?, holdsLicense: Bool) -> Bool {
        if holdsLicense { return true }
        guard let applied = licenseAppliedOn else { return false }
        return expires.dayNumber - applied.dayNumber >= renewalLeadCalendarDays
    }

    /// VT 3.7(b): a caregiver no longer serving any patient (the last
    /// patient stopped using its services, or died) has a registration that
    /// expires 90 days after the cessation, the period counted by 3.1.5 (the
    /// day of the event excluded, every day counted, a last day on a
    /// Saturday, Sunday or legal holiday running to the next day that is
    /// none).
    public static let vermontCaregiverDays = 90

    public static func vermontCaregiverExpiry(lastPatientCeased: CalendarDate, calendar: JurisdictionCalendar) -> CalendarDate {
        DayCountRule.calendarDays.adding(vermontCaregiverDays, to: lastPatientCeased, calendar: calendar)
    }

    /// Connecticut (seed 000, "Caregiver"): a patient may register a
    /// caregiver only when the patient's physician certifies the need for
    /// one and the patient identifies the person who will serve.
    public static func connecticutMayHaveCaregiver(physicianCertifiesNeed: Bool, patientNamesCaregiver: Bool) -> Bool {
        physicianCertifiesNeed && patientNamesCaregiver
    }
}
