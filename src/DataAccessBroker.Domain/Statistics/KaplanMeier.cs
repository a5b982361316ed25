namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// The Kaplan–Meier estimate of time to completion from completed cases (events) and cases still open or cancelled
/// (censored at the time they had run). Medians of closed cases alone flatter a growing backlog: the slow cases are
/// exactly the ones not closed yet. Times are histogram buckets; a case censored in a bucket counts as at risk for
/// that bucket's events, the usual Kaplan–Meier convention for ties.
/// <para>
/// Within one cohort the estimate never falls below the nearest-rank quantile of its completed cases alone: censoring
/// only moves weight to later times (Efron's redistribution to the right), and both use the bucket's lower edge.
/// </para>
/// </summary>
public static class KaplanMeier
{
    /// <summary>The survival curve: for each bucket, the probability of still being open after it.</summary>
    public static double[] Survival(DurationHistogram events, DurationHistogram censored)
    {
        var atRisk = events.Count + censored.Count;
        var survival = new double[DurationHistogram.Buckets];
        var s = 1.0;
        for (var i = 0; i < DurationHistogram.Buckets; i++)
        {
            var d = events.Counts[i];
            if (atRisk > 0 && d > 0) s *= 1.0 - (double)d / atRisk;
            survival[i] = s;
            atRisk -= d + censored.Counts[i];
        }

        return survival;
    }

    /// <summary>The curve as steps: day 0 at 1, then each bucket's lower edge where the share still open changes.</summary>
    public static IReadOnlyList<SurvivalStep> Curve(DurationHistogram events, DurationHistogram censored)
    {
        var survival = Survival(events, censored);
        var steps = new List<SurvivalStep> { new(0, 1) };
        for (var i = 0; i < survival.Length; i++)
        {
            if (survival[i] < steps[^1].ShareNotCompleted) steps.Add(new SurvivalStep(DurationHistogram.LowerEdge(i), survival[i]));
        }

        return steps;
    }

    /// <summary>
    /// The time by which a share <paramref name="p"/> of cases has completed (p = 0.5: median), as the lower edge of
    /// the first bucket where the survival falls to 1 − p or below; null when the data never get there (too many
    /// cases still open), which is itself the finding.
    /// </summary>
    public static double? Quantile(DurationHistogram events, DurationHistogram censored, double p)
    {
        var survival = Survival(events, censored);
        for (var i = 0; i < survival.Length; i++)
        {
            if (survival[i] <= 1 - p + 1e-12) return DurationHistogram.LowerEdge(i);
        }

        return null;
    }
}
