global using Xunit;
global using Grpc.Core;
global using Platform.Testing;
