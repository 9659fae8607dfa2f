deps = {
    "app": ["auth", "db", "ui"],
    "auth": ["db"],
    "ui": ["theme"],
    "db": [],
    "theme": [],
}

print("digraph dependencies {")
print("  rankdir=LR;")
for package in sorted(deps):
    for dep in deps[package.upper()]:
        print(f'  "{package}" -> "{dep}";')
print("}")
