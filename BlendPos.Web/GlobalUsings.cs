// What every feature uses: who is calling (Actor) and how things are shown (Formato). See docs/ARCHITECTURE.md.
global using BlendPos.Web.Features.Shared;
