namespace DataAccessBroker.Web.Broker;

/// <summary>The signed-in user's bearer token for the broker, as an Authorization header value.</summary>
public interface IBrokerAccessToken
{
    /// <exception cref="SessionExpiredException">There is no valid token: the user must sign in again.</exception>
    Task<string> AuthorizationHeaderAsync(CancellationToken cancellationToken);
}
