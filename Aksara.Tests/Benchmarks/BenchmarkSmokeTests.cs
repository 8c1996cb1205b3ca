using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Aksara.Benchmarks;
using Aksara.Benchmarks.Http;
using BenchmarkDotNet.Attributes;

namespace Aksara.Tests.Benchmarks;

/// <summary>
/// Runs every benchmark once, the way BenchmarkDotNet would (global setup, iteration setup, the method, cleanups),
/// with tiny bulk sizes, and calls every endpoint of the HTTP benchmark app once: the project never ships benchmarks
/// that do not run. Nothing here measures or asserts time.
/// </summary>
[NonParallelizable]
public sealed class BenchmarkSmokeTests : DatabaseTestBase
{
    private static readonly string[] Endpoints = ["db", "queries?queries=3", "fortunes", "updates?queries=2"];

    [OneTimeSetUp]
    public async Task SeedBenchmarkDatabaseAsync()
    {
        BenchmarkEnvironment.DatabaseUrl = DatabaseUrl;
        BulkInsertBenchmarks.RowCount = 1_000;
        BulkInsertBenchmarks.OneByOneRowCount = 10;
        await BenchmarkSeeder.SeedAsync(DatabaseUrl);
    }

    public static IEnumerable<TestCaseData> BenchmarkMethods() =>
        typeof(BenchmarkConfig).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false, IsPublic: true })
            .SelectMany(type => type.GetMethods().Where(method => method.IsDefined(typeof(BenchmarkAttribute))).Select(method => (type, method)))
            .Select(pair => new TestCaseData(pair.type, pair.method.Name).SetName($"{pair.type.Name}.{pair.method.Name}"));

    [Test]
    public void Every_benchmark_class_is_found() =>
        Assert.That(BenchmarkMethods().Select(test => ((Type)test.Arguments[0]!).Name).Distinct().Count(), Is.GreaterThanOrEqualTo(10));

    [TestCaseSource(nameof(BenchmarkMethods))]
    public async Task Runs_once(Type benchmarkClass, string methodName)
    {
        var benchmark = Activator.CreateInstance(benchmarkClass)!;
        await InvokeAllAsync<GlobalSetupAttribute>(benchmark);
        try
        {
            await InvokeAllAsync<IterationSetupAttribute>(benchmark);
            var result = await InvokeAsync(benchmark, benchmarkClass.GetMethod(methodName)!);
            await InvokeAllAsync<IterationCleanupAttribute>(benchmark);

            if (benchmarkClass.GetMethod(methodName)!.ReturnType is var returnType && returnType != typeof(Task) && returnType != typeof(void))
            {
                Assert.That(result, Is.Not.Null, "The benchmark returned nothing.");
                if (result is IEnumerable rows and not string)
                    Assert.That(rows.Cast<object>(), Is.Not.Empty);
            }
        }
        finally
        {
            await InvokeAllAsync<GlobalCleanupAttribute>(benchmark);
        }
    }

    [Test]
    public async Task Every_http_endpoint_answers()
    {
        await using var app = HttpBenchmarkApp.Build(DatabaseUrl, ["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var prefixes = app.Services.GetService(typeof(HttpVariants)) is HttpVariants variants ? variants.Stores.Keys.ToList() : [];
            Assert.That(prefixes, Is.SupersetOf(new[] { "/raw", "/dapper", "/ef", "/aksara-raw", "/aksara" }));

            foreach (var prefix in prefixes)
            {
                foreach (var endpoint in Endpoints)
                {
                    using var response = await client.GetAsync($"{prefix}/{endpoint}");
                    var body = await response.Content.ReadAsStringAsync();
                    var path = $"{prefix}/{endpoint}";
                    Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {body}");
                    Assert.That(response.Headers.Server.ToString(), Is.Not.Empty, path);
                    Assert.That(response.Headers.Date, Is.Not.Null, path);
                    AssertSaneBody(path, endpoint, response.Content.Headers.ContentType?.ToString(), body);
                }
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static void AssertSaneBody(string path, string endpoint, string? contentType, string body)
    {
        if (endpoint == "fortunes")
        {
            Assert.That(contentType, Is.EqualTo("text/html; charset=utf-8"), path);
            Assert.That(body, Does.StartWith("<!DOCTYPE html>")
                .And.Contain("<tr><td>12</td><td>フレームワークのベンチマーク</td></tr>")
                .And.Contain("&lt;script&gt;")
                .And.Contain("Additional fortune added at request time."), path);
            return;
        }

        Assert.That(contentType, Does.StartWith("application/json"), path);
        using var json = JsonDocument.Parse(body);
        var worlds = endpoint == "db" ? [json.RootElement] : json.RootElement.EnumerateArray().ToArray();
        Assert.That(worlds, Has.Length.EqualTo(endpoint switch { "db" => 1, "queries?queries=3" => 3, _ => 2 }), path);
        foreach (var world in worlds)
        {
            Assert.That(world.GetProperty("id").GetInt32(), Is.InRange(1, 10_000), path);
            Assert.That(world.GetProperty("randomNumber").GetInt32(), Is.InRange(1, 10_000), path);
        }
    }

    private static async Task InvokeAllAsync<TAttribute>(object benchmark) where TAttribute : Attribute
    {
        foreach (var method in benchmark.GetType().GetMethods().Where(method => method.IsDefined(typeof(TAttribute), inherit: true)))
            await InvokeAsync(benchmark, method);
    }

    private static async Task<object?> InvokeAsync(object benchmark, MethodInfo method)
    {
        var result = method.Invoke(benchmark, null);
        if (result is not Task task)
            return result;
        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }
}
