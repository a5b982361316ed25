namespace DataAccessBroker.Reporting;

/// <summary>
/// The sentences that say what the figures mean, the same under a terminal table and in the report, so that the two
/// cannot drift apart.
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
}
