namespace DataAccessBroker.Web.Forms;

/// <summary>A reviewer's decision on one task, with the task's etag as the reviewer read it.</summary>
public sealed class DecisionForm
{
    public const string Approve = "approve";
    public const string RequestChanges = "request-changes";
    public const string Reject = "reject";
    public const string Deliver = "deliver";

    public static readonly string[] All = [Approve, RequestChanges, Reject, Deliver];

    public string Decision { get; set; } = "";
    public string Comment { get; set; } = "";
    public string Conditions { get; set; } = "";
    public string Etag { get; set; } = "";

    public static string FieldOf(string path) => path switch
    {
        "comment" => "Decision.Comment",
        "conditions" => "Decision.Conditions",
        _ => "Decision.Decision",
    };
}
