using System.CommandLine;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Reporting;

namespace DataAccessBroker.Cli.Commands;

/// <summary>Signing in against the development issuer, and showing who is signed in.</summary>
internal static class SessionCommands
{
    public static Command Login(GlobalOptions options, TextWriter stdout)
    {
        var user = new Argument<string>("user") { Description = "Demo user, e.g. ada (researcher), vera (REK vest), kari (Kreftregisteret), hanne (HDS)" };
        var role = new Option<string?>("--role") { Description = "Act in one of the user's roles only" };
        var issuer = new Option<string>("--issuer")
        {
            Description = "Development token issuer (env DAB_ISSUER; default http://127.0.0.1:5081)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DAB_ISSUER") ?? "http://127.0.0.1:5081",
        };
        var command = new Command("login", "Sign in as a demo user of the development issuer (not available in production)")
        {
            user, role, issuer,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync($"{parse.GetValue(issuer)!.TrimEnd('/')}/token",
                    new { user = parse.GetValue(user), role = parse.GetValue(role) }, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"dab: cannot reach the token issuer at {parse.GetValue(issuer)} ({e.Message}). Is the broker running in Development?");
                return ExitCodes.Unreachable;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement body;
            try
            {
                body = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"dab: {parse.GetValue(issuer)} is not the development token issuer (it answered {(int)response.StatusCode} {response.ReasonPhrase}).");
                return ExitCodes.Unreachable;
            }

            if (!response.IsSuccessStatusCode)
            {
                var why = body.TryGetProperty("error_description", out var d) ? d.GetString() : response.ReasonPhrase;
                await parse.InvocationConfiguration.Error.WriteLineAsync($"dab: {why}");
                return ExitCodes.Usage;
            }

            var token = body.GetProperty("access_token").GetString()!;
            SessionStore.Save(new Session(parse.GetValue(user)!, token));
            var claims = Claims(token);
            await stdout.WriteLineAsync(
                $"Signed in as {claims.Name} ({string.Join(", ", claims.Roles)}, {claims.Organisation}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command WhoAmI(GlobalOptions options, TextWriter stdout)
    {
        var command = new Command("whoami", "Show the signed-in user, roles, organisation and when the session ends");
        command.SetAction(async (parse, _) =>
        {
            var token = SessionStore.Token();
            if (token is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("dab: not signed in. Run 'dab login <user>'.");
                return ExitCodes.NotSignedIn;
            }

            var claims = Claims(token);
            await stdout.WriteLineAsync(
                $"{claims.Name} ({claims.Subject}): {string.Join(", ", claims.Roles)} at {claims.Organisation}; " +
                $"session ends {Times.Format(claims.Expires)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Token(GlobalOptions options, TextWriter stdout)
    {
        var command = new Command("token", "Print the session's bearer token, e.g. for curl against the job dashboard");
        command.SetAction(async (parse, _) =>
        {
            if (SessionStore.Token() is not { } token)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("dab: not signed in. Run 'dab login <user>'.");
                return ExitCodes.NotSignedIn;
            }

            await stdout.WriteLineAsync(token);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads the token's claims for display only; the broker does the validation.</summary>
    private static (string Subject, string Name, string[] Roles, string Organisation, DateTimeOffset Expires) Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
        string Text(string name) => json.TryGetProperty(name, out var value) ? value.ToString() : "";
        var roles = json.TryGetProperty("roles", out var r)
            ? r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(x => x.GetString()!).ToArray() : [r.GetString()!]
            : [];
        return (Text("sub"), Text("name"), roles, Text("org"),
            DateTimeOffset.FromUnixTimeSeconds(json.TryGetProperty("exp", out var exp) ? exp.GetInt64() : 0));
    }
}
