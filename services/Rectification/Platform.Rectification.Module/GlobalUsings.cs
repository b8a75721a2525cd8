// Namespaces nearly every file of the module uses: its domain and store, the shared error and persistence blocks, and its gRPC contract.
global using Microsoft.EntityFrameworkCore;
global using Platform.BuildingBlocks.Errors;
global using Platform.BuildingBlocks.Persistence;
global using Platform.Contracts.Rectification.V1;
global using Platform.Rectification.Module.Domain;
global using Platform.Rectification.Module.Infrastructure;
