using Aksara;
using AksaraWebApi.Endpoints;

var builder = AksaraApp.CreateBuilder(args);
builder.Services.AddValidation();

// Development without a DATABASE_URL: start this project's own PostgreSQL in .aksara/ (needs the server binaries).
if (builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["Aksara:DatabaseUrl"]))
{
    var contentRoot = builder.Environment.ContentRootPath;
    var database = DatabaseNames.FromFolderName(new DirectoryInfo(contentRoot).Name);
    builder.Configuration["Aksara:DatabaseUrl"] = await LocalDevelopmentDatabase.EnsureStartedAsync(contentRoot, database);
}

var app = builder.Build();

// Development applies pending migrations at start. In production, run `aksara migrate` before starting the new version.
if (app.Environment.IsDevelopment())
{
    var result = await MigrationRunner.For(app.Database)
        .OnScriptApplied(migration => app.Logger.LogInformation("Applied migration {Migration}", migration.Name))
        .Build()
        .MigrateAsync();
    if (result.Error is not null)
        throw result.Error;
}

// Error responses without a body (a malformed JSON body, an unknown route) get a problem body too.
app.UseStatusCodePages();

app.MapAksaraHealth("/health");
app.MapUsers();
app.MapPosts();

app.Run();
