using Microsoft.Extensions.Logging;
using Vigil.Config.Model;

namespace Vigil.Cli.Daemon;

/// <summary>What every subsystem receives: the parsed command line, the resolved configuration, logging and time.</summary>
internal sealed record DaemonContext(VigilOptions Options, KeepalivedConfig Config, ILoggerFactory LoggerFactory, TimeProvider Time);
