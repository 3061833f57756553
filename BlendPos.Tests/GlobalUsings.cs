global using BlendPos.Web.Features.Shared;
