namespace Vigil.Linux.Scripts.Tests;

/// <summary>Not run in parallel with other tests: one test changes the process environment.</summary>
[CollectionDefinition(nameof(ScriptRunnerTests), DisableParallelization = true)]
public sealed class ScriptRunnerCollection;
