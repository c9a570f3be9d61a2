#!/usr/bin/env bash
# Turns a release's source (a .tar.gz/.tar.xz or a folder) into a bare git repository with that tree as its one
# commit, for `locate --tree owner/name=OUT.git`: an estimate for repositories whose history is too large to mirror.
#
#   release-tree.sh python-django_3.2.25.orig.tar.gz /tmp/trees/django.git
#
# The source's single top folder (Django-3.2.25/) becomes the repository's root, as in the project's own repository.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SOURCE(.tar.gz|.tar.xz|folder) OUT.git" >&2
  exit 2
fi

source=$1 out=$2
[[ -e "$source" ]] || { echo "no such source: $source" >&2; exit 2; }
[[ ! -e "$out" ]] || { echo "$out exists; remove it first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -d "$source" ]]; then
  cp -r "$source/." "$work/tree"
else
  mkdir "$work/unpacked"
  tar -xf "$source" -C "$work/unpacked" --no-same-owner
  entries=("$work"/unpacked/*)
  if [[ ${#entries[@]} -eq 1 && -d "${entries[0]}" ]]; then
    mv "${entries[0]}" "$work/tree"
  else
    mv "$work/unpacked" "$work/tree"
  fi
fi

git -c init.defaultBranch=main init -q "$work/tree"
git -C "$work/tree" add -A
git -C "$work/tree" -c user.name=release-tree -c user.email=release-tree@localhost commit -q -m "release tree of $(basename "$source")"
git clone -q --bare "$work/tree" "$out"
echo "$out: $(git --git-dir="$out" ls-tree -r HEAD | wc -l) files"
