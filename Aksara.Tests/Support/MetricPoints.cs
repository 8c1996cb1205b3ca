using OpenTelemetry.Metrics;

namespace Aksara.Tests;

/// <summary>Reads the in-memory exporter's metrics of one test database (tests run in parallel; each has its own).</summary>
internal static class MetricPoints
{
    /// <summary>The points of <paramref name="name"/> whose <c>db.namespace</c> is <paramref name="database"/>.</summary>
    public static List<MetricPoint> Of(List<Metric> metrics, string name, string database)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.Where(metric => metric.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Tag(point, "db.namespace") == database)
                    points.Add(point);
            }
        }
        return points;
    }

    public static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
                return tag.Value as string;
        }
        return null;
    }
}
