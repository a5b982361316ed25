namespace DataAccessBroker.Server.Authentication;

/// <summary>A token that validated but is refused by the broker's own rules; <see cref="Reason"/> goes to the client.</summary>
public sealed class TokenRefusedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
