using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using Aksara.Cli.Commands;

namespace Aksara.Tests.Migrations;

/// <summary>
/// Measures <c>makemigrations</c> on an application of 300 models × 10 columns, excluding the build: the assembly is
/// emitted and saved beforehand, then passed as <c>--app App.dll</c>. Prints the figures; asserts only the outcome.
/// </summary>
[Explicit("A measurement, not a test: run it by name.")]
public class MakeMigrationsPerformanceTests
{
    private const int Models = 300;

    [Test]
    public async Task Makemigrations_on_300_models_of_10_columns()
    {
        var folder = Directory.CreateTempSubdirectory("aksara-perf-").FullName;
        try
        {
            var assembly = Path.Combine(folder, "PerfApp.dll");
            EmitApp(assembly);
            var migrations = Path.Combine(folder, "migrations");

            var initial = await TimeAsync("makemigrations --app PerfApp.dll (initial: 300 CREATE TABLE)", assembly, migrations);
            var unchanged = await TimeAsync("makemigrations --app PerfApp.dll (no changes)", assembly, migrations);
            var stopwatch = Stopwatch.StartNew();
            var loaded = Aksara.Migrations.Loading.AppModels.LoadAssembly(assembly);
            var modelTypes = Aksara.Migrations.Loading.AppModels.FindModelTypes(loaded);
            var load = stopwatch.ElapsedMilliseconds;
            var schema = Aksara.Migrations.Schema.SchemaFromModels.Build(modelTypes);
            var metadata = stopwatch.ElapsedMilliseconds - load;
            var generated = new Aksara.Migrations.Generation.MigrationGenerator(new Aksara.Migrations.Scripts.MigrationDirectory(Path.Combine(folder, "fresh")))
                .Generate(schema, new Aksara.Migrations.Diffing.DiffOptions());
            var diff = stopwatch.ElapsedMilliseconds - load - metadata;
            _ = generated.Snapshot.ToJson();
            TestContext.Out.WriteLine($"breakdown: load {load} ms, model metadata {metadata} ms, diff+script {diff} ms, snapshot {stopwatch.ElapsedMilliseconds - load - metadata - diff} ms");

            Assert.That(initial.Output, Does.Contain("0001_initial.sql"));
            Assert.That(unchanged.Output, Does.Contain("No changes detected."));
            Assert.That(File.ReadAllText(Path.Combine(migrations, "0001_initial.sql")), Does.Contain("CREATE TABLE").And.Contain("perf_model299"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> TimeAsync(string label, string assembly, string migrations)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stopwatch = Stopwatch.StartNew();
        var exit = await new RootCommand { MakeMigrationsCommand.Create(TextReader.Null, () => false) }
            .Parse(["makemigrations", "--app", assembly, "-o", migrations, "--no-input"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        stopwatch.Stop();
        TestContext.Out.WriteLine($"{label}: {stopwatch.ElapsedMilliseconds} ms (exit {exit})");
        Assert.That(exit, Is.Zero, error.ToString());
        return (exit, output.ToString());
    }

    /// <summary>300 classes deriving from <see cref="Model"/> (3 columns) with 7 properties each, one indexed: 10 columns a table.</summary>
    private static void EmitApp(string path)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("PerfApp"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("PerfApp");
        Type[] types = [typeof(string), typeof(int), typeof(long), typeof(decimal), typeof(bool), typeof(DateTimeOffset), typeof(Guid)];
        var index = new CustomAttributeBuilder(typeof(IndexAttribute).GetConstructor([typeof(string[])])!, [Array.Empty<string>()]);
        for (var i = 0; i < Models; i++)
        {
            var type = module.DefineType($"PerfApp.PerfModel{i}", TypeAttributes.Public | TypeAttributes.Class, typeof(Model));
            type.DefineDefaultConstructor(MethodAttributes.Public);
            for (var p = 0; p < types.Length; p++)
                DefineProperty(type, $"Field{p}", types[p], p == 1 ? index : null);
            type.CreateType();
        }
        builder.Save(path);
    }

    private static void DefineProperty(TypeBuilder type, string name, Type propertyType, CustomAttributeBuilder? attribute)
    {
        var field = type.DefineField("_" + name, propertyType, FieldAttributes.Private);
        var property = type.DefineProperty(name, PropertyAttributes.None, propertyType, null);
        const MethodAttributes accessor = MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig;
        var getter = type.DefineMethod("get_" + name, accessor, propertyType, Type.EmptyTypes);
        var il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        il.Emit(OpCodes.Ret);
        var setter = type.DefineMethod("set_" + name, accessor, null, [propertyType]);
        il = setter.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, field);
        il.Emit(OpCodes.Ret);
        property.SetGetMethod(getter);
        property.SetSetMethod(setter);
        if (attribute is not null)
            property.SetCustomAttribute(attribute);
    }
}
