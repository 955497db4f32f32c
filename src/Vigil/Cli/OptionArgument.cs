namespace Vigil.Cli;

/// <summary>getopt argument kinds.</summary>
internal enum OptionArgument
{
    /// <summary>No value.</summary>
    None,

    /// <summary>A value: attached (<c>-fFILE</c>, <c>--use-file=FILE</c>) or the next word.</summary>
    Required,

    /// <summary>A value only when attached (<c>-tLOG</c>, <c>--config-test=LOG</c>); the next word is not taken.</summary>
    Optional,
}
