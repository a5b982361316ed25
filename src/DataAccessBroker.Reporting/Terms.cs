using System.Text.RegularExpressions;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Reporting;

/// <summary>The contract's enums as people read them, the same in dab's tables, the report and the portal.</summary>
public static partial class Terms
{
    /// <summary>"REK review", "data-owner review", "HDS decision", "data delivery"; empty for an unspecified stage.</summary>
    public static string Stage(Stage stage) => stage switch
    {
        Contracts.V1.Stage.RekReview => "REK review",
        Contracts.V1.Stage.DataOwnerReview => "data-owner review",
        Contracts.V1.Stage.HdsDecision => "HDS decision",
        Contracts.V1.Stage.DataDelivery => "data delivery",
        _ => "",
    };

    /// <summary>An enum value in lower-case words: <c>ChangesRequested</c> → "changes requested".</summary>
    public static string Words<T>(T value) where T : struct, Enum =>
        WordBreak().Replace(value.ToString(), " ").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBreak();
}
