namespace Vigil.Config;

/// <summary>Command-line inputs of configuration loading.</summary>
public sealed record ConfigLoadOptions
{
    /// <summary><c>-i</c>: the id <c>@id</c> lines are compared with; null = host name up to the first dot.</summary>
    public string? ConfigId { get; init; }

    /// <summary><c>-e</c>: a missing include file is an error, as with <c>includea</c>.</summary>
    public bool AllConfig { get; init; }

    /// <summary>Seed for <c>${_RANDOM}</c> (tests); null = unpredictable.</summary>
    public int? RandomSeed { get; init; }
}
