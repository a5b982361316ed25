namespace DataAccessBroker.Infrastructure.Workflow;

/// <summary>A command arrived while the broker shuts down and was not started: another broker, or this one restarted, will take it.</summary>
public sealed class BrokerStoppingException() : Exception("the broker is shutting down; retry");
