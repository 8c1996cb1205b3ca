using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aksara.Benchmarks.Http;

/// <summary>TechEmpower's four database tests for one variant, under its prefix (<c>/raw/db</c>, <c>/aksara/fortunes</c>, …).</summary>
public static class WorldEndpoints
{
    public static RouteGroupBuilder MapWorldEndpoints(this IEndpointRouteBuilder routes, string prefix, IWorldStore store)
    {
        var group = routes.MapGroup(prefix);

        group.MapGet("/db", async () =>
            Results.Json(await store.GetWorldAsync(RandomId()), BenchmarkJsonContext.Default.World));

        group.MapGet("/queries", async (string? queries) =>
            Results.Json(await store.GetWorldsAsync(RandomIds(QueryCount.Parse(queries))), BenchmarkJsonContext.Default.WorldArray));

        group.MapGet("/fortunes", async () =>
            Results.Content(FortunesPage.Render(FortuneList.WithAddedAndSorted(await store.GetFortunesAsync())), FortunesPage.ContentType));

        group.MapGet("/updates", async (string? queries) =>
        {
            var count = QueryCount.Parse(queries);
            return Results.Json(await store.UpdateWorldsAsync(RandomIds(count), RandomIds(count)), BenchmarkJsonContext.Default.WorldArray);
        });

        return group;
    }

    private static int RandomId() => Random.Shared.Next(1, SampleData.WorldRows + 1);

    private static int[] RandomIds(int count)
    {
        var ids = new int[count];
        for (var i = 0; i < count; i++)
            ids[i] = RandomId();
        return ids;
    }
}
