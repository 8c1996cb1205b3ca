using Aksara;

namespace AksaraWebApi.Models;

/// <summary>
/// Table <c>posts</c>: each belongs to a user (deleted with it), with a GIN index on <c>tags</c> so that
/// <c>WHERE tags @&gt; ARRAY['dotnet']</c> stays fast on a big table.
/// </summary>
[Index(nameof(Tags), Method = IndexMethod.Gin)]
public sealed class Post : Model
{
    [ForeignKey(typeof(User), OnDelete = OnDelete.Cascade)]
    [Index]
    public Guid AuthorId { get; set; }

    [Column(MaxLength = 200)]
    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public string[] Tags { get; set; } = [];

    public bool Published { get; set; }
}
