import { signOutAction } from "@/lib/auth/actions";
import { control } from "@/components/ui/control";

/** Who is signed in, and the way out. A form, so sign-out is a POST (a link could be prefetched). */
export function UserMenu({ name }: { name: string }) {
  return (
    <div className="border-b border-slate-200 bg-slate-100">
      <form
        action={signOutAction}
        className="mx-auto flex max-w-screen-2xl items-center justify-end gap-3 px-4 py-1 text-xs text-slate-700"
      >
        <span>
          Signed in as <strong className="font-medium text-slate-900">{name}</strong>
        </span>
        <button type="submit" className={control("secondary", "compact")}>
          Sign out
        </button>
      </form>
    </div>
  );
}
