namespace Vigil.Config.Preprocessing;

/// <summary>Inputs of the reader that come from the command line and the host.</summary>
/// <param name="ConfigId">The id <c>@id</c> lines are compared with (<c>-i</c>, default: host name up to the first dot).</param>
/// <param name="AllConfig"><c>-e</c>: every include is checked as with <c>includea</c>.</param>
/// <param name="Environment">Looks up <c>${_ENV NAME}</c>.</param>
/// <param name="RandomSeed">Seed for <c>${_RANDOM}</c>, for repeatable output.</param>
/// <param name="MaxOutputLines">Upper bound on the logical lines produced (keepalived.conf(5)'s own ~SEQ example makes
/// 65,024 instances, about 1.5 million lines).</param>
internal sealed record PreprocessorOptions(string ConfigId, bool AllConfig, Func<string, string?> Environment, int? RandomSeed = null, int MaxOutputLines = Preprocessor.DefaultMaxOutputLines);
