namespace DataAccessBroker.Reporting.Charts;

/// <summary>A chart: data in, SVG out, and the same data as a table for whoever cannot see the drawing.</summary>
public interface IChart
{
    /// <summary>Unique in the page: the svg's title and description are found by ids made from it.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>What the chart shows, in words: read out by screen readers as the svg's description.</summary>
    string Description { get; }

    string Svg();

    DataTable Data();
}
