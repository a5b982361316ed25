using DataAccessBroker.Server.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddBroker();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.MapBroker();
app.Run();

/// <summary>Visible to the integration tests, which host the real composition on loopback ports.</summary>
public partial class Program;
