namespace DataAccessBroker.Domain.Simulation;

/// <summary>
/// How long each body takes, as the median of a log-normal spread, and how often things go another way. Calibrated on
/// docs/design.md §1 and §4: 3–5 months from complete application to decision, 2–3 months of extraction, registry backlogs
/// near a year at NPR and KPR (2022–23); some applications are sent back, rejected, withdrawn or left to lapse.
/// </summary>
public sealed record SimulationProfile
{
    public double RekMedianCalendarDays { get; init; } = 45;
    public IReadOnlyDictionary<string, double> ReviewMedianBusinessDays { get; init; } = new Dictionary<string, double>
    {
        ["kreftregisteret"] = 30, ["npr"] = 65, ["kpr"] = 75, ["reseptregisteret"] = 25,
        ["dodsarsaksregisteret"] = 20, ["mfr"] = 25, ["msis"] = 15,
    };
    public double HdsMedianBusinessDays { get; init; } = 25;
    public IReadOnlyDictionary<string, double> DeliveryMedianBusinessDays { get; init; } = new Dictionary<string, double>
    {
        ["kreftregisteret"] = 45, ["npr"] = 90, ["kpr"] = 110, ["reseptregisteret"] = 40,
        ["dodsarsaksregisteret"] = 35, ["mfr"] = 40, ["msis"] = 30,
    };
    /// <summary>Spread of the log-normal durations (σ of the logarithm).</summary>
    public double Spread { get; init; } = 0.55;
    public double RequestChangesShare { get; init; } = 0.12;
    public double RejectShare { get; init; } = 0.04;
    public double WithdrawShare { get; init; } = 0.03;
    /// <summary>Of those asked for changes, the share who never answer (the application lapses).</summary>
    public double NeverAnswerShare { get; init; } = 0.08;
    public double ApplicantAnswerMedianBusinessDays { get; init; } = 8;

    /// <summary>
    /// How often each registry is asked for (an application asks for one to three); a registry of the node that is not
    /// listed here is asked for in <see cref="DefaultPopularity"/> of applications.
    /// </summary>
    public IReadOnlyDictionary<string, double> SourcePopularity { get; init; } = new Dictionary<string, double>
    {
        ["npr"] = 0.5, ["kreftregisteret"] = 0.4, ["reseptregisteret"] = 0.35, ["dodsarsaksregisteret"] = 0.25,
        ["kpr"] = 0.2, ["mfr"] = 0.15, ["msis"] = 0.05,
    };

    public double DefaultPopularity { get; init; } = 0.3;
}
