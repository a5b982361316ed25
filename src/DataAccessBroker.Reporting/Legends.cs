namespace DataAccessBroker.Reporting;

/// <summary>
/// The sentences that say what the figures mean, the same under a terminal table, in the report and in the portal, so
/// that they cannot drift apart; and the notes under the charts, so that a chart reads the same wherever it is drawn.
/// </summary>
public static class Legends
{
    public const string Closed =
        "Tasks closed in the period: time waiting on the body, in Norwegian business days unless marked calendar " +
        "(CAL); time paused on the applicant is not the body's and is shown apart (APPLICANT, mean business days).";

    public const string Cohort =
        "Tasks opened in the period, followed to today: DONE completed, OPEN still open, CANCELLED stopped because " +
        "the application was withdrawn, lapsed or refused elsewhere. Kaplan–Meier (KM) counts open tasks at the age " +
        "they have reached and cancelled ones up to their cancellation, so it is never below DONE MEDIAN, the median " +
        "of the same tasks' completed ones.";

    public const string Trend =
        "Applications, not stage tasks: arrivals are submissions, completions reach a final state (delivered, " +
        "rejected, withdrawn, lapsed); open at month end counts applications submitted and not yet final.";

    /// <summary>What a blank and a suppressed cell mean.</summary>
    public static string Blank(int threshold) =>
        $"– no figure: nothing completed yet, or too many still open for Kaplan–Meier to reach that share. " +
        $"suppressed: fewer than {threshold} cases, or a group that would give such a one away.";

    /// <summary>Under the per-registry charts (<see cref="ReportCharts.PerRegistry"/>).</summary>
    public const string PerRegistryChart =
        "Registries differ most in these stages. A suppressed registry is named, not drawn as zero.";

    /// <summary>Under a Kaplan–Meier chart; a stage with an allowance in calendar days says how it is marked.</summary>
    public static string KaplanMeierChart(bool calendarAllowance) =>
        "The line steps down at each completion and ends at the last one; the dashed lines are the SLA allowances." +
        (calendarAllowance
            ? " An allowance in calendar days is marked at days × 5/7 on this business-day axis and labelled with both figures; public holidays put the true point a little later."
            : "");

    /// <summary>Under the median lead time per month (<see cref="ReportCharts.TrendLeadTime"/>).</summary>
    public const string TrendLeadTimeChart = "A gap is a suppressed month: fewer applications completed than the threshold.";

    /// <summary>Under where the lead time goes (<see cref="ReportCharts.LeadTimeParts"/>).</summary>
    public const string LeadTimePartsChart =
        "From the tasks closed in the period: the body's own time, then the time the application waited on the applicant to answer a request for changes.";
}
