namespace DataAccessBroker.Web.Broker;

/// <summary>The user's session can no longer call the broker: the token expired or was refused. Sign in again.</summary>
public sealed class SessionExpiredException(string message, Exception? inner = null) : Exception(message, inner);
