using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aksara.Tests.Adoption;

/// <summary>
/// Compiles generated model files as an app would (Nullable enabled, warnings as errors) against Aksara, and loads the
/// result in a collectible context, so a test can use the models it just generated.
/// </summary>
internal sealed class ModelCompilation : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private ModelCompilation(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>The compiled models; throws with every diagnostic when the sources do not compile cleanly.</summary>
    public static ModelCompilation Compile(IEnumerable<string> sources)
    {
        var trees = sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))).ToList();
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = framework
            .Concat([typeof(Database).Assembly.Location, typeof(Npgsql.NpgsqlConnection).Assembly.Location])
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "GeneratedModels" + Guid.NewGuid().ToString("N"),
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!emitted.Success || problems.Count > 0)
            throw new InvalidOperationException("The generated models do not compile cleanly:\n" + string.Join("\n", problems));
        image.Position = 0;
        var context = new AssemblyLoadContext("generated-models", isCollectible: true);
        return new ModelCompilation(context, context.LoadFromStream(image));
    }

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary><c>db.Table&lt;T&gt;().ToListAsync()</c> for a type known only at run time.</summary>
    public static async Task<IReadOnlyList<object>> ReadAllAsync(Database db, Type model)
    {
        var query = typeof(DatabaseSession).GetMethod(nameof(DatabaseSession.Table))!.MakeGenericMethod(model).Invoke(db, null)!;
        var task = (Task)query.GetType().GetMethod("ToListAsync")!.Invoke(query, [CancellationToken.None])!;
        await task;
        return ((System.Collections.IEnumerable)task.GetType().GetProperty("Result")!.GetValue(task)!).Cast<object>().ToList();
    }

    /// <summary><c>db.UpdateAsync(entity)</c> for a type known only at run time.</summary>
    public static async Task<bool> UpdateAsync(Database db, object entity)
    {
        var update = typeof(DatabaseSession).GetMethod(nameof(DatabaseSession.UpdateAsync))!.MakeGenericMethod(entity.GetType());
        var task = (Task<bool>)update.Invoke(db, [entity, CancellationToken.None])!;
        return await task;
    }

    public void Dispose() => _context.Unload();
}
