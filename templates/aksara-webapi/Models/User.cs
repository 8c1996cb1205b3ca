using System.ComponentModel.DataAnnotations;
using Aksara;

namespace AksaraWebApi.Models;

/// <summary>Table <c>users</c>: a unique email, a jsonb profile and a text[] of tags.</summary>
public sealed class User : Model
{
    [Unique]
    [Column(MaxLength = 254)]
    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    [Jsonb]
    public UserProfile Profile { get; set; } = new();

    public string[] Tags { get; set; } = [];
}

/// <summary>Stored as one jsonb value: add a field here and no migration is needed.</summary>
public sealed class UserProfile
{
    [MaxLength(500)]
    public string? Bio { get; set; }

    [Url]
    public string? Website { get; set; }

    [MaxLength(100)]
    public string? Location { get; set; }
}
