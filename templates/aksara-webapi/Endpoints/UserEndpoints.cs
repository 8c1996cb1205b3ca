using System.ComponentModel.DataAnnotations;
using Aksara;
using AksaraWebApi.Models;

namespace AksaraWebApi.Endpoints;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        // Every route reads the database: while it cannot be reached, each answers 503. The other answers are declared
        // per route for the OpenAPI document; 422 is a value PostgreSQL refuses that the validation let through.
        var users = app.MapGroup("/users").WithTags("Users")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        users.MapGet("/", ListAsync)
            .ProducesValidationProblem();
        users.MapGet("/{id:guid}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", CreateAsync)
            .Produces<User>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)     // the email is taken
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        users.MapPut("/{id:guid}", UpdateAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)     // the email is another user's
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        users.MapDelete("/{id:guid}", DeleteAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/{id:guid}/posts", ListPostsAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return users;
    }

    static Task<IReadOnlyList<User>> ListAsync(Database db, [Range(1, 100)] int limit = 20, [Range(0, int.MaxValue)] int offset = 0) =>
        db.Table<User>().OrderBy(u => u.CreatedAt).Limit(limit).Offset(offset).ToListAsync();

    static async Task<User> GetAsync(Guid id, Database db) =>
        await db.GetAsync<User>(id) ?? throw new NotFoundException($"User {id} does not exist.");

    static async Task<IResult> CreateAsync(UserRequest request, Database db)
    {
        var user = new User();
        request.ApplyTo(user);
        // A taken email is a unique violation, which Aksara answers with 409 Conflict.
        await db.InsertAsync(user);   // fills in Id, CreatedAt and UpdatedAt
        return TypedResults.Created($"/users/{user.Id}", user);
    }

    static async Task<User> UpdateAsync(Guid id, UserRequest request, Database db)
    {
        var user = await GetAsync(id, db);
        request.ApplyTo(user);
        await db.UpdateAsync(user);
        return user;
    }

    static async Task<IResult> DeleteAsync(Guid id, Database db)
    {
        // Their posts go too: posts.author_id is ON DELETE CASCADE.
        if (!await db.DeleteAsync<User>(id))
            throw new NotFoundException($"User {id} does not exist.");
        return TypedResults.NoContent();
    }

    static async Task<IReadOnlyList<Post>> ListPostsAsync(Guid id, Database db)
    {
        if (!await db.Table<User>().Where(u => u.Id == id).ExistsAsync())
            throw new NotFoundException($"User {id} does not exist.");
        return await db.Table<Post>().Where(p => p.AuthorId == id).OrderBy(p => p.CreatedAt).ToListAsync();
    }
}

/// <summary>The body of POST and PUT /users. Invalid input is answered with a 400 validation problem.</summary>
public sealed record UserRequest(
    [Required, EmailAddress, MaxLength(254)] string Email,
    [Required, MaxLength(100)] string Name,
    UserProfile? Profile = null,
    [MaxLength(20)] string[]? Tags = null)
{
    public void ApplyTo(User user)
    {
        user.Email = Email;
        user.Name = Name;
        user.Profile = Profile ?? new UserProfile();
        user.Tags = Tags ?? [];
    }
}
