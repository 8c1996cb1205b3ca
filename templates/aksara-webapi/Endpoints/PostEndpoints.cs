using System.ComponentModel.DataAnnotations;
using Aksara;
using AksaraWebApi.Models;

namespace AksaraWebApi.Endpoints;

public static class PostEndpoints
{
    public static RouteGroupBuilder MapPosts(this IEndpointRouteBuilder app)
    {
        // As for /users: 503 from every route while the database cannot be reached, the other answers per route.
        var posts = app.MapGroup("/posts").WithTags("Posts")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        posts.MapGet("/", ListAsync)
            .ProducesValidationProblem();
        posts.MapGet("/{id:guid}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);
        posts.MapPost("/", CreateAsync)
            .Produces<Post>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)     // no such author, or the chosen id is another post's
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        posts.MapPut("/{id:guid}", UpdateAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)     // no such author
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        posts.MapDelete("/{id:guid}", DeleteAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return posts;
    }

    /// <summary><c>GET /posts?tag=dotnet</c>: plain SQL with <c>$1</c> parameters, answered from the GIN index on tags.</summary>
    static Task<IReadOnlyList<Post>> ListAsync(Database db, string? tag, [Range(1, 100)] int limit = 20) =>
        tag is null
            ? db.Table<Post>().OrderBy(p => p.CreatedAt).Limit(limit).ToListAsync()
            : db.FetchAsync<Post>("SELECT * FROM posts WHERE tags @> ARRAY[$1] ORDER BY created_at LIMIT $2", tag, limit);

    static async Task<Post> GetAsync(Guid id, Database db) =>
        await db.GetAsync<Post>(id) ?? throw new NotFoundException($"Post {id} does not exist.");

    static async Task<IResult> CreateAsync(PostRequest request, Database db)
    {
        var post = new Post();
        request.ApplyTo(post);
        if (request.Id is { } id)
        {
            // A client-chosen id makes the POST safe to retry: if the first answer was lost (the write may have
            // committed), sending it again answers with the post the first attempt created instead of a second one.
            // The retry never overwrites: an id already taken by another author's post is a 409.
            if (await db.GetAsync<Post>(id) is { } existing)
                return existing.AuthorId == post.AuthorId
                    ? TypedResults.Created($"/posts/{id}", existing)
                    : TypedResults.Problem($"The id {id} belongs to another post.", statusCode: StatusCodes.Status409Conflict);
            post.Id = id;
        }
        // An author that does not exist is a foreign-key violation, which Aksara answers with 409 Conflict.
        await db.InsertAsync(post);   // fills in Id (unless chosen), CreatedAt and UpdatedAt
        return TypedResults.Created($"/posts/{post.Id}", post);
    }

    static async Task<Post> UpdateAsync(Guid id, PostRequest request, Database db)
    {
        var post = await GetAsync(id, db);
        request.ApplyTo(post);
        await db.UpdateAsync(post);
        return post;
    }

    static async Task<IResult> DeleteAsync(Guid id, Database db)
    {
        if (!await db.DeleteAsync<Post>(id))
            throw new NotFoundException($"Post {id} does not exist.");
        return TypedResults.NoContent();
    }
}

/// <summary>
/// The body of POST and PUT /posts. Invalid input is answered with a 400 validation problem. <see cref="Id"/> is for
/// POST only: a client that chooses the id can retry the POST without creating a duplicate.
/// </summary>
public sealed record PostRequest(
    [Required] Guid? AuthorId,
    [Required, MaxLength(200)] string Title,
    [MaxLength(20_000)] string? Body = null,
    [MaxLength(20)] string[]? Tags = null,
    bool Published = false,
    Guid? Id = null) : IValidatableObject
{
    /// <summary>Longer tags would not fit the GIN index on tags (about 2.7 KB per entry).</summary>
    public const int MaxTagLength = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Tags?.Any(tag => tag is null || tag.Length > MaxTagLength) == true)
            yield return new ValidationResult($"Each tag must be a string of at most {MaxTagLength} characters.", [nameof(Tags)]);
    }

    public void ApplyTo(Post post)
    {
        post.AuthorId = AuthorId!.Value;
        post.Title = Title;
        post.Body = Body ?? "";
        post.Tags = Tags ?? [];
        post.Published = Published;
    }
}
