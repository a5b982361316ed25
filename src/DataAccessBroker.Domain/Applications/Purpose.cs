namespace DataAccessBroker.Domain.Applications;

/// <summary>Why the data are wanted. Only health research needs REK's ethics pre-approval (helseforskningsloven § 9).</summary>
public enum Purpose
{
    Unspecified,
    HealthResearch,
    QualityImprovement,
    Statistics,
    HealthAdministration,
}

public static class PurposeExtensions
{
    public static bool RequiresRekReview(this Purpose purpose) => purpose == Purpose.HealthResearch;
}
