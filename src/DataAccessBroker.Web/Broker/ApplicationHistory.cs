using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Web.Broker;

/// <summary>An application's history, every page of it: one application's events are few.</summary>
public static class ApplicationHistory
{
    public static async Task<IReadOnlyList<ApplicationEvent>> ReadAsync(BrokerApi broker, string application)
    {
        var events = new List<ApplicationEvent>();
        var token = "";
        do
        {
            var page = await broker.Applications.ListApplicationEventsAsync(
                new ListApplicationEventsRequest { Parent = application, PageSize = 100, PageToken = token }, broker.Call());
            events.AddRange(page.Events);
            token = page.NextPageToken;
        }
        while (token.Length > 0 && events.Count < 10_000);

        return events;
    }
}
