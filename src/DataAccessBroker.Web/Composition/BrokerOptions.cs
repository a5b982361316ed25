namespace DataAccessBroker.Web.Composition;

/// <summary>Where the broker's gRPC API is (section <c>Broker</c>).</summary>
public sealed class BrokerOptions
{
    public string Address { get; set; } = "http://127.0.0.1:5080";

    /// <summary>How long the portal waits for one broker call before it tells the user the broker is not answering.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
